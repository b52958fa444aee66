/**
 * The local end of container I/O: the terminal (raw mode, size, SIGWINCH), pumping stdin into a
 * hijacked connection and its output back to stdout/stderr, and signal forwarding.
 */
package dev.berth.cli.io;

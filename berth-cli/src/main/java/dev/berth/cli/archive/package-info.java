/**
 * Tar archives for {@code berth cp}: a streaming reader and writer (ustar, with PAX and GNU long
 * names), packing a local tree under a chosen name, and extracting into a directory without
 * letting any entry escape it. JDK only.
 */
package dev.berth.cli.archive;

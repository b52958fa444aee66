/**
 * Stream codecs on top of a response body: stdout/stderr demultiplexing, hijacked attach/exec
 * connections, and sequences of JSON documents. Pure and tested in memory.
 */
package dev.berth.client.stream;

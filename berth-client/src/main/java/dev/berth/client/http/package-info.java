/**
 * HTTP/1.1 over one socket: request heads, response heads, Content-Length and chunked bodies in
 * both directions, and the raw byte pipe left after an upgrade. JDK only.
 */
package dev.berth.client.http;

/**
 * JSON trees for the client and the CLI without an {@code ObjectMapper}: building Jackson's
 * mapper (and berth-common's, with its modules) costs tens of milliseconds on every CLI start,
 * and the client only needs trees in and out. Uses jackson-core and the databind node classes.
 */
package dev.berth.client.json;

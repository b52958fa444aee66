/** {@code /containers/{id}/exec} and {@code /exec/...}: exec create, start (hijacked), resize and inspect. */
package dev.berth.daemon.api.exec;

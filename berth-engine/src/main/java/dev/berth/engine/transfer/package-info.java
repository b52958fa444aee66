/** Images copied in and out of the local store: {@code docker save} and {@code load} archives (pull and push come with the registry issue). */
package dev.berth.engine.transfer;

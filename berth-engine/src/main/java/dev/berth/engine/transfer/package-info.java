/**
 * Images copied in and out of the local store: {@code docker save} and {@code load} archives
 * ({@link dev.berth.engine.transfer.ImageArchive}) and registry pulls
 * ({@link dev.berth.engine.transfer.ImagePuller}, over berth-distribution's client). Push comes with the registry issue.
 */
package dev.berth.engine.transfer;

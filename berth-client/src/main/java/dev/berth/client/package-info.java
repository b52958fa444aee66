/**
 * The Engine API client: host discovery ({@link dev.berth.client.DockerHosts}), version
 * negotiation and request execution ({@link dev.berth.client.EngineClient}), and the error types
 * commands report. May depend on {@code dev.berth.client.http}, {@code .stream}, berth-docker-api
 * and berth-common; never on berth-engine or the CLI.
 */
package dev.berth.client;

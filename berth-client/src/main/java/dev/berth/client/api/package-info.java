/**
 * One facade per Engine API resource (containers, exec, images, system) with the query
 * parameters and bodies the docker CLI sends. Uses {@link dev.berth.client.EngineClient} only.
 */
package dev.berth.client.api;

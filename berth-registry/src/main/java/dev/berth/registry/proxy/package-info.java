/** The pull-through cache behind {@code --proxy}: fetches missing content from another registry with java.net.http. Depends on storage and the handlers' {@code Upstream} role. */
package dev.berth.registry.proxy;

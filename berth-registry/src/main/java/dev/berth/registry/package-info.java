/** The {@code berth registry} launcher: picocli commands for serve and gc. */
package dev.berth.registry;

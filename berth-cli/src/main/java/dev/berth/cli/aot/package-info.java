/**
 * What makes {@code berth} start fast: the training run for the JDK's AOT cache, and the rewrite
 * of pre-Java-6 dependency jars that the cache could not otherwise hold. bin/berth runs both once
 * per build; nothing here is used by a command.
 */
package dev.berth.cli.aot;

/**
 * Output formatting shared by the commands: Go's tabwriter, docker's human sizes and durations,
 * time flags, JSON indentation, id shortening and port lists. Pure functions of their input.
 */
package dev.berth.cli.format;

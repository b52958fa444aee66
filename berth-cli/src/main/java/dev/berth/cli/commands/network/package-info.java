/** {@code berth network ...}: list, inspect and remove networks (the predefined ones for now). */
package dev.berth.cli.commands.network;

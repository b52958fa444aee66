/** Image commands ({@code images}, {@code tag}, {@code rmi}, {@code import}, {@code pull}, {@code image inspect}), one class each. */
package dev.berth.cli.commands.image;

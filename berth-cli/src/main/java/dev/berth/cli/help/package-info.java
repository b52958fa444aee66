/**
 * Docker-style help pages and command-line error messages on top of picocli: cobra's layout,
 * pflag's option list, docker's wording and exit codes, and "did you mean" hints.
 */
package dev.berth.cli.help;

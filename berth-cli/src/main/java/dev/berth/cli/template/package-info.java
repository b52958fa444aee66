/**
 * The Go text/template subset behind every {@code --format} flag. Depends on Jackson (for JSON
 * trees and the {@code json} function) and nothing else of berth.
 */
package dev.berth.cli.template;

/** The HTTP exchange under the registry client: auth on 401, redirects, bounded retries, timeouts. */
package dev.berth.distribution.http;

/** Registry authentication: WWW-Authenticate challenges, Bearer tokens from a token service, Basic credentials. */
package dev.berth.distribution.auth;

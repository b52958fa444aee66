/** Registry authentication: htpasswd (bcrypt) users checked by HTTP Basic auth. Depends on spring-security-crypto's BCrypt only. */
package dev.berth.registry.auth;

/** The distribution spec's error codes with their HTTP statuses. Depends on nothing. */
package dev.berth.registry.errors;

/** Manifests, indexes, descriptors and platforms of the OCI image spec and Docker schema 2, as values. */
package dev.berth.oci.manifest;

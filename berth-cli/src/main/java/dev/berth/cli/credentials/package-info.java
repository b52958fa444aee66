/**
 * Registry credentials as the docker CLI keeps them, so that {@code docker login} and
 * {@code berth login} share them: {@code auths} of config.json ({@link AuthFile}), credential
 * helpers ({@code credsStore}, {@code credHelpers}: {@link CredentialHelper}), the choice between
 * them per registry ({@link CredentialStores}), and the {@code X-Registry-Auth} header built from
 * what is found ({@link RegistryAuthHeader}).
 */
package dev.berth.cli.credentials;

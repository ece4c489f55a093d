package dev.tollgate.devauth;

/**
 * Everything that outlives one web server start: handed to the Spring context as a singleton so the context's
 * beans and the {@link DevAuthorizationServer} handle share the same keys, store and counters.
 */
record DevServerState(DevAuthorizationServerSettings settings, int port, int mutualTlsPort, String issuer,
		DevSigningKeys keys, DevEndpointFilter endpointFilter, SubjectRecordingAuthorizationService authorizationService) {

	/** {@code https://HOST:PORT} of the mutual-TLS connector; {@code null} without one. */
	String mutualTlsBaseUri() {
		return (this.settings.mutualTls() != null) ? "https://" + this.settings.issuerHost() + ":" + this.mutualTlsPort
				: null;
	}

}

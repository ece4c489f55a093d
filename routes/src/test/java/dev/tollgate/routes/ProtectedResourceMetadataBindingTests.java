package dev.tollgate.routes;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.tollgate.filters.config.PublicBaseUrl;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9728 §2 metadata of routes that require sender-constrained tokens. */
class ProtectedResourceMetadataBindingTests {

	private final ReferenceCatalog catalog = new ReferenceCatalog(Map.of("corp", "https://idp.example.com"), Set.of(),
			Set.of());

	private Map<String, Object> metadata(String binding) {
		RouteDeclaration route = RouteDeclarationValidatorTests.route(r -> r.set("binding", binding));
		ProtectedResourceMetadata metadata = new ProtectedResourceMetadata(List.of(route), this.catalog,
				PublicBaseUrl.parse("https://gw.example.com"), List.of("PS256", "ES256"));
		ServerResponse response = metadata.handle(MockServerRequest.builder()
			.uri(URI.create("https://gw.example.com/.well-known/oauth-protected-resource/orders"))
			.build()).block();
		@SuppressWarnings("unchecked")
		Map<String, Object> body = ((EntityResponse<Map<String, Object>>) response).entity();
		return body;
	}

	@Test
	void handleWhenRouteRequiresDpopThenAdvertisesDpopBoundTokensRequired_rfc9728_2() {
		assertThat(metadata("dpop")).containsEntry("dpop_bound_access_tokens_required", true);
	}

	@Test
	void handleWhenRouteTakesDpopThenAdvertisesProofAlgorithms_rfc9728_2() {
		assertThat(metadata("any-bound")).containsEntry("dpop_signing_alg_values_supported", List.of("PS256", "ES256"))
			.doesNotContainKey("dpop_bound_access_tokens_required");
	}

	@Test
	void handleWhenRouteRequiresMtlsThenAdvertisesCertificateBoundTokens_rfc9728_2() {
		assertThat(metadata("mtls")).containsEntry("tls_client_certificate_bound_access_tokens", true)
			.doesNotContainKeys("dpop_bound_access_tokens_required", "dpop_signing_alg_values_supported");
	}

	@Test
	void handleWhenNoBindingThenNeitherAdvertised() {
		assertThat(metadata("none")).doesNotContainKeys("dpop_bound_access_tokens_required",
				"tls_client_certificate_bound_access_tokens");
	}

}

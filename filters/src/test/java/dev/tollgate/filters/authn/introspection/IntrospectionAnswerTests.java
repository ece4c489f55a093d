package dev.tollgate.filters.authn.introspection;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.filters.authn.jwt.TokenFailure;
import dev.tollgate.filters.core.CredentialKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IntrospectionAnswerTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	static final IntrospectionEndpoint ENDPOINT = new IntrospectionEndpoint("corp", "https://idp.test",
			URI.create("https://idp.test/introspect"), "gateway", "s3cret", "client_id", "scope", Duration.ofSeconds(60),
			Duration.ofMinutes(2), Duration.ofSeconds(5));

	private static Map<String, Object> active() {
		Map<String, Object> json = new HashMap<>();
		json.put("active", true);
		json.put("iss", "https://idp.test");
		json.put("client_id", "agent-7");
		json.put("sub", "user-1");
		json.put("aud", List.of("https://gateway.test/orders"));
		json.put("scope", "orders:read");
		json.put("token_type", "Bearer");
		json.put("exp", NOW.plusSeconds(30).getEpochSecond());
		return json;
	}

	private static IntrospectionAnswer read(Map<String, Object> json) {
		return IntrospectionAnswer.read(json, ENDPOINT, NOW);
	}

	@Test
	void readWhenActiveThenValidatedOpaqueToken() {
		IntrospectionAnswer answer = read(active());
		assertThat(answer.failure()).isNull();
		assertThat(answer.token().kind()).isEqualTo(CredentialKind.OPAQUE);
		assertThat(answer.token().clientId()).isEqualTo("agent-7");
		assertThat(answer.token().subject()).isEqualTo("user-1");
		assertThat(answer.token().scopes()).containsExactly("orders:read");
	}

	// RFC 7662 §4: the cache must not outlive the token.
	@Test
	void readWhenExpSoonerThanMaxTtlThenCachedUntilExp() {
		assertThat(read(active()).cacheUntil()).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void readWhenExpLaterThanMaxTtlThenCachedForMaxTtl() {
		Map<String, Object> json = active();
		json.put("exp", NOW.plusSeconds(3600).getEpochSecond());
		assertThat(read(json).cacheUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
	}

	// RFC 7662 §2.2: active=false means the token is not usable, whatever else is said.
	@Test
	void readWhenInactiveThenInactive() {
		assertThat(read(Map.of("active", false)).failure()).isEqualTo(TokenFailure.INACTIVE);
	}

	@Test
	void readWhenActiveNotABooleanThenEndpointMisbehaves() {
		assertThatExceptionOfType(IntrospectionException.class).isThrownBy(() -> read(Map.of("active", "true")));
	}

	@Test
	void readWhenAnotherIssuerThenUnknownIssuer() {
		Map<String, Object> json = active();
		json.put("iss", "https://attacker.test");
		assertThat(read(json).failure()).isEqualTo(TokenFailure.UNKNOWN_ISSUER);
	}

	@Test
	void readWhenNoAudienceThenMissingClaim() {
		Map<String, Object> json = active();
		json.remove("aud");
		assertThat(read(json).failure()).isEqualTo(TokenFailure.MISSING_CLAIM);
	}

	@Test
	void readWhenClaimsOfWrongTypeThenBadClaimType() {
		Map<String, Object> json = active();
		json.put("exp", "soon");
		assertThat(read(json).failure()).isEqualTo(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void readWhenExpiredThenExpired() {
		Map<String, Object> json = active();
		json.put("exp", NOW.minusSeconds(61).getEpochSecond());
		assertThat(read(json).failure()).isEqualTo(TokenFailure.EXPIRED);
	}

	@Test
	void readWhenNotABearerTokenTypeThenBadType() {
		Map<String, Object> json = active();
		json.put("token_type", "DPoP");
		assertThat(read(json).failure()).isEqualTo(TokenFailure.BAD_TYPE);
	}

	@Test
	void readWhenDpopTokenTypeWithCnfJktThenTokenCarriesTheConfirmation_rfc9449_6_2() {
		Map<String, Object> json = active();
		json.put("token_type", "DPoP");
		json.put("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));

		IntrospectionAnswer answer = read(json);

		assertThat(answer.failure()).isNull();
		assertThat(answer.token().confirmation().jkt()).isEqualTo("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
	}

	@Test
	void readWhenCnfNotAnObjectThenBadClaimType() {
		Map<String, Object> json = active();
		json.put("cnf", "jkt");

		assertThat(read(json).failure()).isEqualTo(TokenFailure.BAD_CLAIM_TYPE);
	}

	// RFC 7662 §2.2 members present with JSON null are malformed, not absent (RFC 7519 §4.1 types).
	@ParameterizedTest
	@ValueSource(strings = { "scope", "client_id", "username", "token_type", "exp", "iat", "nbf", "sub", "aud", "iss",
			"jti" })
	void readWhenMemberIsJsonNullThenRefusedRfc7662Section2_2(String member) {
		Map<String, Object> json = active();
		json.put(member, null);
		IntrospectionAnswer answer = read(json);
		assertThat(answer.token()).isNull();
		assertThat(answer.failure()).isIn(TokenFailure.BAD_CLAIM_TYPE, TokenFailure.MISSING_CLAIM);
	}

	@Test
	void readWhenClientIdNullAndSubPresentThenBadClaimTypeNotSubFallback() {
		Map<String, Object> json = active();
		json.put("client_id", null);
		assertThat(read(json).failure()).isEqualTo(TokenFailure.BAD_CLAIM_TYPE);
	}

	// RFC 7662 §2.2: scope is a space-separated string (RFC 6749 §3.3 syntax).
	@ParameterizedTest
	@ValueSource(strings = { "", " ", "orders:read  orders:write", " orders:read", "orders:read ",
			"orders:read\torders:write",
			"ordérs:read", "orders:\u0001read" })
	void readWhenScopeNotScopeSyntaxThenBadClaimTypeRfc6749Section3_3(String scope) {
		Map<String, Object> json = active();
		json.put("scope", scope);
		assertThat(read(json).failure()).isEqualTo(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void readWhenScopeIsArrayThenBadClaimTypeRfc7662Section2_2() {
		Map<String, Object> json = active();
		json.put("scope", List.of("orders:read"));
		assertThat(read(json).failure()).isEqualTo(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void readWhenNoScopeMemberAndConfiguredScpArrayThenScopes() {
		IntrospectionEndpoint okta = new IntrospectionEndpoint("okta", "https://idp.test",
				URI.create("https://idp.test/introspect"), "gateway", "s3cret", "client_id", "scp",
				Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofSeconds(5));
		Map<String, Object> json = active();
		json.remove("scope");
		json.put("scp", List.of("orders:read", "orders:write"));
		assertThat(IntrospectionAnswer.read(json, okta, NOW).token().scopes()).containsExactlyInAnyOrder("orders:read",
				"orders:write");
		json.put("scp", List.of("orders:read orders:write"));
		assertThat(IntrospectionAnswer.read(json, okta, NOW).failure()).isEqualTo(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void readWhenScopeOfSeveralTokensThenEachScope() {
		Map<String, Object> json = active();
		json.put("scope", "orders:read orders:write");
		assertThat(read(json).token().scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
	}

	@Test
	void endpointToStringNeverShowsTheSecret() {
		assertThat(ENDPOINT.toString()).doesNotContain("s3cret");
	}

}

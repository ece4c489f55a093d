package dev.tollgate.filters.authn.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim strictness of JWT access tokens: a registered claim present with JSON {@code null} and a scope claim outside
 * RFC 6749 §3.3 syntax are {@code invalid_token}, never read as "absent" or repaired. Tokens come from the testkit's
 * {@link TestJwts} builder; each test changes one claim of an otherwise valid token.
 */
class ClaimStrictnessTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static ValidationResult validate(TestJwtBuilder token, String clientIdClaim, String scopeClaim) {
		JwtPolicy policy = new JwtPolicy("test", TestJwts.DEFAULT_ISSUER, SupportedAlgorithms.DEFAULTS,
				Set.of("at+jwt"), Duration.ofSeconds(60), clientIdClaim, scopeClaim);
		return AccessTokenValidators.forIssuer(policy, CLOCK).validate(CompactJws.parse(token.build(), 16));
	}

	private static ValidationResult validate(TestJwtBuilder token) {
		return validate(token, "client_id", "scope");
	}

	private static TestJwtBuilder token() {
		return TestJwts.jwt().clock(CLOCK);
	}

	@Test
	void validateWhenDefaultTokenThenValid() {
		assertThat(validate(token()).isValid()).isTrue();
	}

	// RFC 7519 §4.1: null is not the type of any registered claim; RFC 9068 §2.2 names the access-token claims.
	@ParameterizedTest
	@ValueSource(strings = { "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope", "azp",
			"auth_time", "acr", "amr", "cnf", "act", "may_act", "scp", "cid", "groups", "roles", "entitlements" })
	void validateWhenRegisteredClaimIsJsonNullThenBadClaimTypeRfc7519Section4_1(String claim) {
		assertThat(validate(token().nullClaim(claim)).failures()).contains(TokenFailure.BAD_CLAIM_TYPE);
	}

	// Without the null check, "nbf": null would pass as "no nbf" and "client_id": null fall back to sub.
	@Test
	void validateWhenNbfNullAndOtherwiseValidThenOnlyBadClaimType() {
		assertThat(validate(token().nullClaim("nbf")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenConfiguredClientIdClaimIsNullThenBadClaimType() {
		assertThat(validate(token().nullClaim("client_id_x"), "client_id_x", "scope").failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenUnregisteredClaimIsNullThenValid() {
		assertThat(validate(token().nullClaim("tenant_nickname")).isValid()).isTrue();
	}

	// RFC 6749 §3.3: scope = scope-token *( SP scope-token ).
	@ParameterizedTest
	@ValueSource(strings = { "orders:read", "orders:read orders:write", "a",
			"https://api.example/x!#$%&'()*+,-./:;<=>?@[]^_`{|}~" })
	void validateWhenScopeIsWellFormedStringThenValidRfc6749Section3_3(String scope) {
		assertThat(validate(token().scope(scope)).isValid()).isTrue();
	}

	@Test
	void validateWhenScopeIsJsonArrayThenBadClaimTypeRfc9068Section2_2_3() {
		assertThat(validate(token().claim("scope", List.of("orders:read"))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScopeHasDoubledSpaceThenBadClaimTypeRfc6749Section3_3() {
		assertThat(validate(token().scope("orders:read  orders:write")).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScopeHasLeadingSpaceThenBadClaimTypeRfc6749Section3_3() {
		assertThat(validate(token().scope(" orders:read")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScopeHasTrailingSpaceThenBadClaimTypeRfc6749Section3_3() {
		assertThat(validate(token().scope("orders:read ")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScopeIsOnlySpaceThenBadClaimTypeRfc6749Section3_3() {
		assertThat(validate(token().scope(" ")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	// The grammar has at least one scope-token: an issuer that grants no scope leaves the claim out.
	@Test
	void validateWhenScopeIsEmptyStringThenBadClaimTypeRfc6749Section3_3() {
		assertThat(validate(token().scope("")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenNoScopeClaimThenValidWithNoScopes() {
		assertThat(validate(token().scope(null)).isValid()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "orders:read\torders:write", "orders:read\norders:write", "orders:read\r\n",
			"orders:\u0000read", "orders:read\u007f", "\"orders:read\"", "orders\\read", "ordérs:read",
			"orders:read\u00a0orders:write", "orders:read\u2003orders:write" })
	void validateWhenScopeHasCharacterOutsideScopeTokenThenBadClaimTypeRfc6749Section3_3(String scope) {
		assertThat(validate(token().scope(scope)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScopeIsNumberOrObjectThenBadClaimType() {
		assertThat(validate(token().claim("scope", 7)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("scope", java.util.Map.of("a", "b"))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	// Okta sends scp as an array; configured by claim name, each element must be one scope-token.
	@Test
	void validateWhenScpConfiguredAndArrayOfScopeTokensThenValid() {
		assertThat(validate(token().scope(null).claim("scp", List.of("orders:read", "orders:write")), "client_id",
				"scp")
			.isValid()).isTrue();
	}

	// Entra sends scp as a space-delimited string.
	@Test
	void validateWhenScpConfiguredAndScopeStringThenValid() {
		assertThat(validate(token().scope(null).claim("scp", "orders:read orders:write"), "client_id", "scp")
			.isValid()).isTrue();
	}

	@Test
	void validateWhenScpArrayElementIsNotOneScopeTokenThenBadClaimType() {
		for (Object element : new Object[] { "orders:read orders:write", "", " orders:read", "a\tb", 7 }) {
			assertThat(validate(token().scope(null).claim("scp", List.of("x", element)), "client_id", "scp")
				.failures()).as("%s", element).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		}
	}

	@Test
	void validateWhenScpArrayIsEmptyThenBadClaimType() {
		assertThat(validate(token().scope(null).claim("scp", List.of()), "client_id", "scp").failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScpConfiguredAndScpStringMalformedThenBadClaimType() {
		assertThat(validate(token().scope(null).claim("scp", "a  b"), "client_id", "scp").failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	// The registered scope claim keeps its string syntax (RFC 9068 §2.2.3) whichever claim the issuer reads.
	@Test
	void validateWhenScpConfiguredAndRegisteredScopeIsArrayThenBadClaimType() {
		assertThat(validate(token().claim("scope", List.of("a")).claim("scp", List.of("a")), "client_id", "scp")
			.failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void toValidatedWhenScopeStringRepeatsATokenThenEachScopeOnce() {
		CompactJws jws = CompactJws.parse(token().scope("b a b").build(), 16);
		JwtPolicy policy = new JwtPolicy("test", TestJwts.DEFAULT_ISSUER, SupportedAlgorithms.DEFAULTS,
				Set.of("at+jwt"), Duration.ofSeconds(60), "client_id", "scope");
		assertThat(AccessTokenValidators.toValidated(jws, policy).scopes()).containsExactlyInAnyOrder("a", "b");
	}

	// Other registered claims keep their JSON types (RFC 7519 §4.1, RFC 9068 §2.2.1, RFC 8176, RFC 7800, RFC 8693).
	@Test
	void validateWhenOtherRegisteredClaimHasWrongTypeThenBadClaimType() {
		assertThat(validate(token().claim("auth_time", "yesterday")).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("acr", 1)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("amr", "pwd")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("azp", List.of("a"))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("cnf", "thumbprint")).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("act", "someone")).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("jti", 5)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

}

package dev.tollgate.filters.authn.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenValidatorsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private TokenValidator<CompactJws> validator(String... types) {
		JwtPolicy policy = new JwtPolicy("corp", TestJwts.DEFAULT_ISSUER, SupportedAlgorithms.DEFAULTS, Set.of(types),
				Duration.ofSeconds(60), "client_id", "scope");
		return AccessTokenValidators.forIssuer(policy, this.clock);
	}

	private ValidationResult validate(TestJwtBuilder token) {
		return validator("at+jwt").validate(CompactJws.parse(token.build(), 16));
	}

	private static TestJwtBuilder token() {
		return TestJwts.jwt().clock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void validateWhenWellFormedAccessTokenThenValid() {
		assertThat(validate(token()).isValid()).isTrue();
	}

	// RFC 9068 §2.1: at+jwt, with or without "application/", in any case (media types are case-insensitive).
	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "AT+JWT", "application/at+jwt", "Application/At+Jwt" })
	void validateWhenTypIsAccessTokenTypeThenValid(String typ) {
		assertThat(validate(token().header("typ", typ)).isValid()).isTrue();
	}

	// RFC 8725 §3.11, RFC 9068 §4: ID tokens (JWT or none), logout tokens, DPoP proofs and others are refused.
	@ParameterizedTest
	@ValueSource(strings = { "JWT", "jwt", "logout+jwt", "dpop+jwt", "secevent+jwt", "client-authentication+jwt",
			"id_token+jwt" })
	void validateWhenTypIsNotAnAccessTokenTypeThenBadType(String typ) {
		assertThat(validate(token().header("typ", typ)).failures()).containsExactly(TokenFailure.BAD_TYPE);
	}

	@Test
	void validateWhenNoTypThenBadType() {
		assertThat(validate(token().type(null)).failures()).containsExactly(TokenFailure.BAD_TYPE);
	}

	@Test
	void validateWhenIssuerOptedInToJwtThenJwtAndMissingTypAccepted() {
		TokenValidator<CompactJws> lenient = validator("at+jwt", "jwt");
		assertThat(lenient.validate(CompactJws.parse(token().header("typ", "JWT").build(), 16)).isValid()).isTrue();
		assertThat(lenient.validate(CompactJws.parse(token().type(null).build(), 16)).isValid()).isTrue();
		assertThat(lenient.validate(CompactJws.parse(token().header("typ", "dpop+jwt").build(), 16)).failures())
			.containsExactly(TokenFailure.BAD_TYPE);
	}

	// RFC 9068 §2.2: exp is required.
	@Test
	void validateWhenExpMissingThenMissingClaim() {
		assertThat(validate(token().withoutExpiry()).failures()).containsExactly(TokenFailure.MISSING_CLAIM);
	}

	@Test
	void validateWhenExpiredBeyondSkewThenExpired() {
		assertThat(validate(token().claim("exp", NOW.minusSeconds(60).getEpochSecond())).failures())
			.containsExactly(TokenFailure.EXPIRED);
	}

	// RFC 7519 §4.1.4 allows "some small leeway": 60 s by default.
	@Test
	void validateWhenExpiredWithinSkewThenValid() {
		assertThat(validate(token().claim("exp", NOW.minusSeconds(59).getEpochSecond())).isValid()).isTrue();
	}

	@Test
	void validateWhenNotBeforeBeyondSkewThenNotYetValid() {
		assertThat(validate(token().claim("nbf", NOW.plusSeconds(61).getEpochSecond())).failures())
			.containsExactly(TokenFailure.NOT_YET_VALID);
		assertThat(validate(token().claim("nbf", NOW.plusSeconds(60).getEpochSecond())).isValid()).isTrue();
	}

	// RFC 7519 §4.1: claims of the wrong JSON type are refused, never coerced.
	@Test
	void validateWhenExpIsAStringThenBadClaimType() {
		assertThat(validate(token().claim("exp", String.valueOf(NOW.plusSeconds(300).getEpochSecond()))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenAudIsANumberThenBadClaimType() {
		assertThat(validate(token().claim("aud", 42)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenAudArrayHoldsANonStringThenBadClaimType() {
		assertThat(validate(token().claim("aud", List.of(TestJwts.DEFAULT_AUDIENCE, 7))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenScopeIsAnObjectThenBadClaimType() {
		assertThat(validate(token().claim("scope", Map.of("orders", "read"))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenSubOrClientIdNotStringsThenBadClaimType() {
		assertThat(validate(token().claim("sub", 7)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("client_id", List.of("a"))).failures())
			.containsExactly(TokenFailure.BAD_CLAIM_TYPE);
		assertThat(validate(token().claim("iat", true)).failures()).containsExactly(TokenFailure.BAD_CLAIM_TYPE);
	}

	@Test
	void validateWhenAudMissingThenMissingClaim() {
		assertThat(validate(token().audience()).failures()).containsExactly(TokenFailure.MISSING_CLAIM);
	}

	@Test
	void validateWhenNoClientIdAndNoSubThenMissingClaim() {
		assertThat(validate(token().clientId(null).subject(null)).failures())
			.containsExactly(TokenFailure.MISSING_CLAIM);
	}

	@Test
	void validateWhenSeveralProblemsThenEveryFailureReported() {
		ValidationResult result = validate(
				token().header("typ", "JWT").claim("exp", NOW.minusSeconds(3600).getEpochSecond()).claim("aud", 1));
		assertThat(result.failures()).containsExactly(TokenFailure.BAD_TYPE, TokenFailure.EXPIRED,
				TokenFailure.BAD_CLAIM_TYPE);
		assertThat(result.primary()).isEqualTo(TokenFailure.BAD_TYPE);
	}

	@Test
	void toValidatedWhenScpArrayThenScopesAndClientIdFromConfiguredClaims() {
		JwtPolicy okta = new JwtPolicy("okta", TestJwts.DEFAULT_ISSUER, SupportedAlgorithms.DEFAULTS, Set.of("at+jwt"),
				Duration.ofSeconds(60), "cid", "scp");
		CompactJws jws = CompactJws.parse(
				token().clientId(null).claim("cid", "okta-app").claim("scp", List.of("a", "b")).build(), 16);
		assertThat(AccessTokenValidators.forIssuer(okta, this.clock).validate(jws).isValid()).isTrue();
		ValidatedToken validated = AccessTokenValidators.toValidated(jws, okta);
		assertThat(validated.clientId()).isEqualTo("okta-app");
		assertThat(validated.scopes()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void toValidatedWhenNoClientIdClaimThenFallsBackToSub() {
		CompactJws jws = CompactJws.parse(token().clientId(null).build(), 16);
		JwtPolicy policy = new JwtPolicy("corp", TestJwts.DEFAULT_ISSUER, SupportedAlgorithms.DEFAULTS, Set.of("at+jwt"),
				Duration.ofSeconds(60), "client_id", "scope");
		assertThat(AccessTokenValidators.toValidated(jws, policy).clientId()).isEqualTo(TestJwts.DEFAULT_CLIENT_ID);
	}

}

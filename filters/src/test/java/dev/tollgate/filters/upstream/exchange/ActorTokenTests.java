package dev.tollgate.filters.upstream.exchange;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's {@code actor_token} (RFC 8693 §2.1, §4.1) as sent on the wire. That Spring Authorization Server turns a
 * client-credentials actor token into an {@code act} claim is shown in
 * {@link DefaultTokenExchangerAuthorizationServerTests}.
 */
class ActorTokenTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final ScriptedTokenEndpoint sts = new ScriptedTokenEndpoint();

	@TempDir
	Path dir;

	@AfterEach
	void close() {
		this.sts.close();
	}

	@Test
	void exchangeWhenClientAssertionActorThenSignedJwtActorTokenWithItsOwnJti() throws Exception {
		ECKey key = TestSigningKeys.ecKey("gw-1");
		DefaultTokenExchanger exchanger = exchanger(StsProfileBuilder.profile("corp", this.sts.tokenUri())
			.privateKeyJwt("gateway", TestSigningKeys.writeJwk(this.dir, key))
			.actorToken(ActorTokenMode.CLIENT_ASSERTION));
		this.sts.issue("exchanged-1", 300);

		exchanger.exchange("corp", TestCallers.caller("agent-a").build(), "subject-1", "orders-api", null,
				List.of("orders:read")).block();

		Map<String, String> form = this.sts.received().get(0).form();
		assertThat(form).containsEntry("actor_token_type", "urn:ietf:params:oauth:token-type:jwt");
		SignedJWT actor = SignedJWT.parse(form.get("actor_token"));
		SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
		assertThat(actor.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
		assertThat(actor.getJWTClaimsSet().getSubject()).isEqualTo("gateway");
		assertThat(actor.getJWTClaimsSet().getJWTID()).isNotEqualTo(assertion.getJWTClaimsSet().getJWTID());
	}

	@Test
	void exchangeWhenClientCredentialsActorThenOneActorTokenServesManyExchanges() {
		DefaultTokenExchanger exchanger = exchanger(StsProfileBuilder.profile("corp", this.sts.tokenUri())
			.actorToken(ActorTokenMode.CLIENT_CREDENTIALS, "gateway:act"));
		this.sts.issue("issued", 300);

		for (String subject : List.of("subject-1", "subject-2", "subject-3")) {
			exchanger.exchange("corp", TestCallers.caller("agent-a").build(), subject, "orders-api", null,
					List.of("orders:read")).block();
		}

		List<Map<String, String>> forms = this.sts.received()
			.stream()
			.map(ScriptedTokenEndpoint.Received::form)
			.toList();
		assertThat(forms).filteredOn((f) -> "client_credentials".equals(f.get("grant_type")))
			.singleElement()
			.satisfies((f) -> assertThat(f).containsEntry("scope", "gateway:act"));
		assertThat(forms).filteredOn((f) -> f.containsKey("subject_token"))
			.hasSize(3)
			.allSatisfy((f) -> assertThat(f).containsEntry("actor_token", "issued")
				.containsEntry("actor_token_type", "urn:ietf:params:oauth:token-type:access_token"));
	}

	@Test
	void exchangeWhenStsRefusesTheGatewaysActorTokenThen503NotTheCallersFault() {
		DefaultTokenExchanger exchanger = exchanger(StsProfileBuilder.profile("corp", this.sts.tokenUri())
			.actorToken(ActorTokenMode.CLIENT_CREDENTIALS));
		this.sts.answer(400, "{\"error\":\"invalid_scope\"}");

		assertThatThrownBy(() -> exchanger.exchange("corp", TestCallers.caller("agent-a").build(), "subject-1",
				"orders-api", null, List.of("orders:read")).block())
			.isInstanceOfSatisfying(DependencyFailure.class,
					(failure) -> assertThat(failure.reason()).isEqualTo("actor_token_refused"));
	}

	private DefaultTokenExchanger exchanger(StsProfileBuilder profile) {
		return new DefaultTokenExchanger(Map.of("corp", profile.build(this.clock)), WebClient.create(),
				new SimpleMeterRegistry(), this.clock);
	}

}

package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.core.io.FileSystemResource;

import dev.tollgate.testkit.TestSettings;

/** Builds {@link StsProfile}s the way the configuration would, so each test changes one setting. */
final class StsProfileBuilder {

	private final String name;

	private final TestSettings sts = TestSettings.under("tollgate.sts.profile");

	private StsProfileBuilder(String name, URI tokenUri) {
		this.name = name;
		this.sts.set("token-uri", tokenUri);
		this.sts.set("client-id", "gateway");
		this.sts.set("client-secret", "secret");
		// Generous: a cold JVM on a busy CI machine needs seconds for its first connection. The budget itself is
		// tested with virtual time (DefaultTokenExchangerFailureTests).
		this.sts.set("timeout", Duration.ofSeconds(20));
	}

	static StsProfileBuilder profile(String name, URI tokenUri) {
		return new StsProfileBuilder(name, tokenUri);
	}

	StsProfileBuilder client(String clientId, String secret, ClientAuthMethod method) {
		this.sts.set("client-id", clientId);
		this.sts.set("client-secret", secret);
		this.sts.set("client-auth", method);
		return this;
	}

	StsProfileBuilder privateKeyJwt(String clientId, Path jwkFile) {
		this.sts.set("client-id", clientId);
		this.sts.set("client-secret", null);
		this.sts.set("client-auth", ClientAuthMethod.PRIVATE_KEY_JWT);
		this.sts.set("private-key", new FileSystemResource(jwkFile));
		return this;
	}

	StsProfileBuilder timeout(Duration timeout) {
		this.sts.set("timeout", timeout);
		return this;
	}

	StsProfileBuilder refreshMargin(Duration margin) {
		this.sts.set("refresh-margin", margin);
		return this;
	}

	StsProfileBuilder negativeCacheTtl(Duration ttl) {
		this.sts.set("negative-cache-ttl", ttl);
		return this;
	}

	StsProfileBuilder cacheMaxSize(long size) {
		this.sts.set("cache-max-size", size);
		return this;
	}

	StsProfileBuilder actorToken(ActorTokenMode mode, String... scopes) {
		this.sts.set("actor-token", mode);
		this.sts.set("actor-scopes", List.of(scopes));
		return this;
	}

	StsProfile build(Clock clock) {
		return StsProfiles.from(this.name, this.sts.bind(StsProperties.Sts.class), clock);
	}

}

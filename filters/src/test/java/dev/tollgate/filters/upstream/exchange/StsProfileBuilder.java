package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.core.io.FileSystemResource;

/** Builds {@link StsProfile}s the way the configuration would, so each test changes one setting. */
final class StsProfileBuilder {

	private final String name;

	private final StsProperties.Sts sts = new StsProperties.Sts();

	private StsProfileBuilder(String name, URI tokenUri) {
		this.name = name;
		this.sts.setTokenUri(tokenUri);
		this.sts.setClientId("gateway");
		this.sts.setClientSecret("secret");
		// Generous: a cold JVM on a busy CI machine needs seconds for its first connection. The budget itself is
		// tested with virtual time (DefaultTokenExchangerFailureTests).
		this.sts.setTimeout(Duration.ofSeconds(20));
	}

	static StsProfileBuilder profile(String name, URI tokenUri) {
		return new StsProfileBuilder(name, tokenUri);
	}

	StsProfileBuilder client(String clientId, String secret, ClientAuthMethod method) {
		this.sts.setClientId(clientId);
		this.sts.setClientSecret(secret);
		this.sts.setClientAuth(method);
		return this;
	}

	StsProfileBuilder privateKeyJwt(String clientId, Path jwkFile) {
		this.sts.setClientId(clientId);
		this.sts.setClientSecret(null);
		this.sts.setClientAuth(ClientAuthMethod.PRIVATE_KEY_JWT);
		this.sts.setPrivateKey(new FileSystemResource(jwkFile));
		return this;
	}

	StsProfileBuilder timeout(Duration timeout) {
		this.sts.setTimeout(timeout);
		return this;
	}

	StsProfileBuilder refreshMargin(Duration margin) {
		this.sts.setRefreshMargin(margin);
		return this;
	}

	StsProfileBuilder negativeCacheTtl(Duration ttl) {
		this.sts.setNegativeCacheTtl(ttl);
		return this;
	}

	StsProfileBuilder cacheMaxSize(long size) {
		this.sts.setCacheMaxSize(size);
		return this;
	}

	StsProfileBuilder actorToken(ActorTokenMode mode, String... scopes) {
		this.sts.setActorToken(mode);
		this.sts.setActorScopes(List.of(scopes));
		return this;
	}

	StsProfile build(Clock clock) {
		return StsProfiles.from(this.name, this.sts, clock);
	}

}

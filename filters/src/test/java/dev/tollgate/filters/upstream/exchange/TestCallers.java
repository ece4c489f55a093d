package dev.tollgate.filters.upstream.exchange;

import java.time.Instant;
import java.util.Set;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;

/** Caller identities as the authenticate stage would leave them; each test changes one field. */
final class TestCallers {

	private String clientId = "agent-a";

	private Set<String> scopes = Set.of("orders:read", "orders:write");

	private CredentialKind kind = CredentialKind.JWT;

	private Instant expiresAt;

	private TestCallers() {
	}

	static TestCallers caller(String clientId) {
		TestCallers builder = new TestCallers();
		builder.clientId = clientId;
		return builder;
	}

	TestCallers scopes(String... scopes) {
		this.scopes = Set.of(scopes);
		return this;
	}

	TestCallers kind(CredentialKind kind) {
		this.kind = kind;
		return this;
	}

	TestCallers expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		return this;
	}

	CallerIdentity build() {
		return new CallerIdentity(this.clientId, this.clientId, this.scopes, this.kind, "test", this.expiresAt,
				(this.kind == CredentialKind.API_KEY) ? "key-1" : null);
	}

}

package dev.tollgate.devauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.ssl.SslBundle;

/**
 * Immutable settings of a {@link DevAuthorizationServer}, made with {@link #builder()}.
 */
public final class DevAuthorizationServerSettings {

	private final int port;
	private final String issuerHost;
	private final String bindAddress;
	private final List<DevClient> clients;
	private final boolean exposeMetadata;
	private final SslBundle mutualTls;

	private DevAuthorizationServerSettings(Builder b) {
		this.port = b.port;
		this.issuerHost = b.issuerHost;
		this.bindAddress = b.bindAddress;
		this.clients = List.copyOf(b.clients);
		this.exposeMetadata = b.exposeMetadata;
		this.mutualTls = b.mutualTls;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Port to listen on; 0 picks a free one. */
	public int port() {
		return this.port;
	}

	/** Host part of the issuer URI (and of every endpoint URI); default {@code 127.0.0.1}. */
	public String issuerHost() {
		return this.issuerHost;
	}

	/** Local address Tomcat binds to; default {@code 127.0.0.1} so a demo never listens on the network. */
	public String bindAddress() {
		return this.bindAddress;
	}

	public List<DevClient> clients() {
		return this.clients;
	}

	/**
	 * Whether {@code /.well-known/openid-configuration} and {@code /.well-known/oauth-authorization-server} (RFC
	 * 8414) answer; when false they answer 404, for testing gateways configured with an explicit JWKS URI.
	 */
	public boolean exposeMetadata() {
		return this.exposeMetadata;
	}

	/** The key and trust material of the mutual-TLS connector, or {@code null} when the server has none. */
	public SslBundle mutualTls() {
		return this.mutualTls;
	}

	/** Builder of {@link DevAuthorizationServerSettings}. */
	public static final class Builder {

		private int port;
		private String issuerHost = "127.0.0.1";
		private String bindAddress = "127.0.0.1";
		private final List<DevClient> clients = new ArrayList<>();
		private boolean exposeMetadata = true;
		private SslBundle mutualTls;

		private Builder() {
		}

		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port out of range: " + port);
			}
			this.port = port;
			return this;
		}

		public Builder issuerHost(String issuerHost) {
			this.issuerHost = Objects.requireNonNull(issuerHost, "issuerHost");
			return this;
		}

		public Builder bindAddress(String bindAddress) {
			this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
			return this;
		}

		public Builder client(DevClient client) {
			this.clients.add(Objects.requireNonNull(client, "client"));
			return this;
		}

		public Builder clients(DevClient... clients) {
			Arrays.stream(clients).forEach(this::client);
			return this;
		}

		public Builder exposeMetadata(boolean exposeMetadata) {
			this.exposeMetadata = exposeMetadata;
			return this;
		}

		/**
		 * Also serves every endpoint over HTTPS on a second, free port, asking clients for a certificate (RFC 8705
		 * §2) without requiring one. The bundle's key store holds the server's key and certificate; its trust store
		 * the CAs of {@code tls_client_auth} clients and the certificates of {@code self_signed_tls_client_auth}
		 * clients, since the TLS layer only passes on certificates it trusts. The plain-HTTP port and the issuer
		 * stay as they are; the metadata names the HTTPS endpoints in {@code mtls_endpoint_aliases} (RFC 8705 §5).
		 */
		public Builder mutualTls(SslBundle bundle) {
			this.mutualTls = Objects.requireNonNull(bundle, "bundle");
			return this;
		}

		public DevAuthorizationServerSettings build() {
			if (this.clients.isEmpty()) {
				throw new IllegalStateException("register at least one client");
			}
			Set<String> ids = new HashSet<>();
			for (DevClient client : this.clients) {
				if (!ids.add(client.clientId())) {
					throw new IllegalStateException("duplicate client id: " + client.clientId());
				}
				if (client.mutualTls() && this.mutualTls == null) {
					throw new IllegalStateException(client.clientId() + " authenticates with mutual TLS: set mutualTls");
				}
			}
			return new DevAuthorizationServerSettings(this);
		}

	}

}

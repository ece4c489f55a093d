package dev.tollgate.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The demo that runs when the gateway starts with no route declared ({@code tollgate.demo.*}). */
@ConfigurationProperties("tollgate.demo")
public class DemoProperties {

	/** Run the demo when no routes are declared. Set {@code false} to start an empty gateway instead. */
	private boolean enabled;

	/** Port of the demo's dev authorization server (Spring Authorization Server); 0 picks a free port. */
	private int authorizationServerPort = 9000;

	/** Port of the demo's echo upstream; 0 (default) picks a free port. */
	private int echoPort;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getAuthorizationServerPort() {
		return this.authorizationServerPort;
	}

	public void setAuthorizationServerPort(int authorizationServerPort) {
		this.authorizationServerPort = authorizationServerPort;
	}

	public int getEchoPort() {
		return this.echoPort;
	}

	public void setEchoPort(int echoPort) {
		this.echoPort = echoPort;
	}

}

package dev.tollgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.LogMessageWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code redis:7-alpine} in Docker via Testcontainers. The host port is fixed at creation so that a Docker-level
 * stop/start keeps it (a dynamic mapping would move on restart).
 */
final class RedisContainerBackend implements RedisBackend {

	private static final String READY = ".*Ready to accept connections.*\\n";
	private static final int REDIS_PORT = 6379;

	private final GenericContainer<?> container;
	private final int hostPort;
	private int starts;

	private RedisContainerBackend(GenericContainer<?> container, int hostPort) {
		this.container = container;
		this.hostPort = hostPort;
	}

	@SuppressWarnings("resource") // closed by close()
	static RedisContainerBackend launch() {
		int hostPort = freePort();
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
			.withExposedPorts(REDIS_PORT)
			.withCommand("redis-server", "--save", "", "--appendonly", "no")
			.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
				.withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(REDIS_PORT))))
			.waitingFor(new LogMessageWaitStrategy().withRegEx(READY));
		container.start();
		RedisContainerBackend backend = new RedisContainerBackend(container, hostPort);
		backend.starts = 1;
		return backend;
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.hostPort;
	}

	@Override
	public String uri() {
		return "redis://" + host() + ":" + this.hostPort;
	}

	@Override
	public synchronized void stop() {
		this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public synchronized void start() {
		this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
		this.starts++;
		// Container logs keep earlier runs' lines: wait for this run's "ready", the n-th one.
		new LogMessageWaitStrategy().withRegEx(READY).withTimes(this.starts).waitUntilReady(this.container);
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String kind() {
		return "container";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

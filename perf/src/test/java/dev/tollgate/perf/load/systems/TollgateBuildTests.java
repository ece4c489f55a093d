package dev.tollgate.perf.load.systems;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TollgateBuildTests {

	@Test
	void inspectWhenThePackagedGatewayThenEveryFeatureIsFound() {
		// The packaged gateway is on this module's test classpath (perf depends on gateway-app).
		Path jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			// tollgate-gateway.jar in a reactor build, tollgate-gateway-app-<version>.jar from a local repository
			.filter((entry) -> Path.of(entry).getFileName().toString().matches("tollgate-gateway(-app-.+)?\\.jar"))
			.map(Path::of)
			.findFirst()
			.orElseThrow(() -> new AssertionError("tollgate-gateway.jar is not on the test classpath"));

		assertThat(TollgateBuild.inspect(jar)).isEqualTo(new TollgateBuild(true, true, true, true));
	}

	@Test
	void inspectWhenNoJarThenNothingIsMeasured() {
		assertThat(TollgateBuild.inspect(Path.of("no-such.jar"))).isEqualTo(new TollgateBuild(false, false, false,
				false));
	}

}

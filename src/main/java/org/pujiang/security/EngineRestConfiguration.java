package org.pujiang.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** The engine's REST API as Camunda configures it, with the answer to concurrent completion added. */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

	@Override
	protected void registerAdditionalResources() {
		register(ConcurrentCompletion.class);
		register(ConcurrentCompletion.WhenTheTaskWasTaken.class);
		register(ConcurrentCompletion.WhenTheRecordChanged.class);
	}

}

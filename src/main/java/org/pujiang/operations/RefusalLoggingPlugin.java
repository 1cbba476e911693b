package org.pujiang.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.pujiang.petition.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * A form refused for bad input ({@link InvalidInputException}) is a typing error, answered with the fields at fault:
 * the engine logs it at DEBUG, as it does a bad request, a refused authorization or a task changed by someone else at
 * once, instead of at ERROR with a stack trace (ENGINE-16004) in the operators' log.
 */
@Component
class RefusalLoggingPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		CommandContextFactory factory = new CommandContextFactory() {
			@Override
			public CommandContext createCommandContext() {
				return new RefusalAwareCommandContext(this.processEngineConfiguration);
			}
		};
		factory.setProcessEngineConfiguration(configuration);
		configuration.setCommandContextFactory(factory);
	}

	static final class RefusalAwareCommandContext extends CommandContext {

		RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
			super(configuration);
		}

		@Override
		protected boolean shouldLogFine(Throwable exception) {
			return exception instanceof InvalidInputException || super.shouldLogFine(exception);
		}

	}

}

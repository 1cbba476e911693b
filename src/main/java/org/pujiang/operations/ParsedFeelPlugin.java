package org.pujiang.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

import camundajar.impl.scala.util.Either;

/**
 * The decision tables' FEEL, parsed once per expression instead of at every evaluation. Camunda's FEEL engine parses
 * each rule's input entries each time a table is evaluated: routing a registration (CaseRouting, 27 rules) spent
 * more time parsing than deciding. The parsed form of an expression never changes, so the engine keeps it; a table
 * redeployed from Camunda Modeler brings its new expressions, which are parsed on first use like any other.
 */
@Component
class ParsedFeelPlugin extends AbstractProcessEnginePlugin {

	/** More distinct expressions than any set of deployed tables holds: past it the cache starts again. */
	static final int MAX_EXPRESSIONS = 10_000;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getDmnEngineConfiguration() == null) {
			configuration.setDmnEngineConfiguration(
					(DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
		}
		DefaultDmnEngineConfiguration dmn = (DefaultDmnEngineConfiguration) configuration.getDmnEngineConfiguration();
		dmn.setFeelEngineFactory(new Factory(configuration.getDmnFeelCustomFunctionProviders()));
	}

	/** Camunda's Scala FEEL engine for DMN, built on {@link ParsingOnce}. */
	static final class Factory implements FeelEngineFactory {

		private final List<FeelCustomFunctionProvider> functions;

		Factory(List<FeelCustomFunctionProvider> functions) {
			this.functions = functions;
		}

		@Override
		public org.camunda.bpm.dmn.feel.impl.FeelEngine createInstance() {
			return new ScalaFeelEngine(this.functions) {
				@Override
				protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
						ValueMapper.CompositeValueMapper values) {
					return new ParsingOnce(functions, values);
				}
			};
		}

	}

	/**
	 * The FEEL engine as Camunda builds it (its functions and value mappers, no external functions), whose
	 * {@code evalExpression} and {@code evalUnaryTests} reuse the parsed expression.
	 */
	static final class ParsingOnce extends FeelEngine {

		private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

		private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

		ParsingOnce(FunctionProvider functions, ValueMapper values) {
			super(functions, values, new FeelEngine.Configuration(false), FeelEngine.$lessinit$greater$default$4());
		}

		/** How many distinct expressions it has parsed and keeps. */
		int parsed() {
			return this.expressions.size() + this.unaryTests.size();
		}

		@Override
		public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String expression) {
			return parsed(this.expressions, expression, super::parseExpression);
		}

		@Override
		public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String expression) {
			return parsed(this.unaryTests, expression, super::parseUnaryTests);
		}

		private static Either<FeelEngine.Failure, ParsedExpression> parsed(
				Map<String, Either<FeelEngine.Failure, ParsedExpression>> cache, String expression,
				java.util.function.Function<String, Either<FeelEngine.Failure, ParsedExpression>> parse) {
			Either<FeelEngine.Failure, ParsedExpression> parsed = cache.get(expression);
			if (parsed == null) {
				parsed = parse.apply(expression);
				if (cache.size() >= MAX_EXPRESSIONS) {
					cache.clear();
				}
				cache.put(expression, parsed);
			}
			return parsed;
		}

	}

}

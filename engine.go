package main

import (
	"estimator/jobs"
	"estimator/llm"
	"estimator/llm/offline"
	"estimator/llm/openai"
)

// newEngine is the estimating engine the configuration asks for: the offline model, or an
// OpenAI-compatible endpoint. Never one in place of the other: a broken model configuration
// stops start-up instead of quietly estimating offline.
func newEngine(cfg Config) (llm.Engine, error) {
	if cfg.Offline() {
		return offline.NewWithProductivity(cfg.Productivity), nil
	}
	retries := int(cfg.OpenAIMaxRetries)
	if retries == 0 {
		retries = -1 // OPENAI_MAX_RETRIES=0 means no retries; the engine reads 0 as its default
	}
	return openai.New(openai.Config{
		BaseURL:          cfg.OpenAIBaseURL,
		APIKey:           cfg.OpenAIAPIKey,
		Model:            cfg.OpenAIModel,
		APIType:          cfg.OpenAIAPIType,
		APIVersion:       cfg.OpenAIAPIVersion,
		ResponseFormat:   cfg.ResponseFormat,
		MaxRetries:       retries,
		Timeout:          cfg.OpenAITimeout,
		BreakerThreshold: int(cfg.BreakerThreshold),
		BreakerCooldown:  cfg.BreakerCooldown,
	})
}

// jobsConfig tunes the background workers from the configuration.
func jobsConfig(cfg Config) jobs.Config {
	prices := make(map[string]jobs.Price, len(cfg.ModelPrices))
	for model, p := range cfg.ModelPrices {
		prices[model] = jobs.Price{InputPerMillionMicroUSD: p.InputPerMillion,
			CachedInputPerMillionMicroUSD: p.CachedInputPerMillion, OutputPerMillionMicroUSD: p.OutputPerMillion}
	}
	return jobs.Config{Workers: int(cfg.MaxParallel), Prices: prices,
		DailyCapMicroUSD: cfg.DailyCostCap, MonthlyCapMicroUSD: cfg.MonthlyCostCap, Zone: cfg.DisplayZone}
}

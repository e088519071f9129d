import type { RateLimitRule } from '../../../platform/http/rate-limit.ts';

/**
 * Brute-force brakes (issue #2, point 3): per address and per email, so that neither one
 * machine guessing many accounts nor many machines guessing one account get far.
 */
export const LOGIN_PER_IP: RateLimitRule = { limit: 30, windowSeconds: 15 * 60 };
export const LOGIN_PER_EMAIL: RateLimitRule = { limit: 10, windowSeconds: 15 * 60 };
export const RESET_PER_IP: RateLimitRule = { limit: 10, windowSeconds: 60 * 60 };
export const RESET_PER_EMAIL: RateLimitRule = { limit: 3, windowSeconds: 60 * 60 };
export const LINK_PER_IP: RateLimitRule = { limit: 30, windowSeconds: 15 * 60 };
export const REGISTER_PER_IP: RateLimitRule = { limit: 10, windowSeconds: 60 * 60 };

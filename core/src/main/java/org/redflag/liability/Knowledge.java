package org.redflag.liability;

/** Tiers of knowledge, weakest first: none, should have known (constructive), knew (actual, from a qualified notice). */
public enum Knowledge { NONE, CONSTRUCTIVE, ACTUAL }

/** Synthetic marketplaces with ground truth, for demos, tests and benchmarks. */
package org.redflag.synthetic;

/**
 * The tracker's part of the AOT training run: a workload of real clients on loopback
 * ({@link org.seedcast.tracker.training.TrackerTraining}) and the one entry point the training
 * module calls ({@link org.seedcast.tracker.training.TrackerTrainer}). Nothing else uses it.
 */
@NamedInterface("training")
package org.seedcast.tracker.training;

import org.springframework.modulith.NamedInterface;

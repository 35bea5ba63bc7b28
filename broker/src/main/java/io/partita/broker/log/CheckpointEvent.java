package io.partita.broker.log;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event per checkpoint written in the background: its duration is the environment's sync plus the checkpoint
 * file's write, so that a recording can lay the syncs beside the log writer's commits ({@link CommitEvent}) and show
 * whether commits slow down while one runs. Recorded only while a recording enables it.
 */
@Name("io.partita.Checkpoint")
@Label("Log checkpoint")
@Category({"Partita", "Log"})
@Description("A checkpoint of a node's store: the environment synced and its meta pages saved")
@StackTrace(false)
final class CheckpointEvent extends Event {
    @Label("Transaction")
    @Description("The last transaction the checkpoint holds")
    long transaction;
}

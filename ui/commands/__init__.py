"""One module per `workbench` command; COMMANDS is the list the group registers."""

from ui.commands.apply import apply
from ui.commands.audit import audit
from ui.commands.batch import batch
from ui.commands.decisions import decisions
from ui.commands.export import export
from ui.commands.import_ import import_
from ui.commands.memory import memory
from ui.commands.process import process
from ui.commands.review import review
from ui.commands.users import users

COMMANDS = [process, export, audit, apply, import_, review, batch, decisions, memory, users]

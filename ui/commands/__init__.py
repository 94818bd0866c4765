"""One module per `workbench` command; COMMANDS is the list the group registers."""

from ui.commands.process import process

COMMANDS = [process]

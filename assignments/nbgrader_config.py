"""nbgrader's configuration for gograd's course: the exercises of the lessons as assignments in Go.

This folder is an nbgrader course folder: source/<assignment>/<assignment>.ipynb are the teacher's
versions, with the solutions between `// BEGIN SOLUTION` and `// END SOLUTION`. `make assignments`
writes the students' versions into release/ (nbgrader generate_assignment); nbgrader writes
submitted/, autograded/, feedback/ and gradebook.db here too (git ignores them). docs/TEACHING.md
explains how to run a course with it.

nbgrader runs any kernel; what it needs told for Go is below.
"""
import os
import sys

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat.v4 import new_code_cell
from nbgrader.api import Gradebook
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds,
                                    IgnorePattern, LimitOutput, OverwriteCells, OverwriteKernelspec,
                                    SaveAutoGrades)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gograd_grading import GoExecute  # noqa: E402 (the sandbox and the pass; next to this file)

c = get_config()  # noqa: F821 (defined by nbgrader when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "gograd"

# The students' version of a solution: a Go stub, not Python's `raise NotImplementedError()`. The
# panic fires only when the stub is called (GoNB keeps declarations), that is in the test cell,
# which then fails; the comment above each solution says what to write.
c.ClearSolutions.code_stub = {
    "go": '// YOUR CODE HERE\n'
          'panic("not written yet: replace this panic with the code that the comment above describes")'
}
c.ClearSolutions.begin_solution_delimeter = "// BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "// END SOLUTION"

# GoNB builds every cell (~0.3 s with warm caches; the first cell of a cold cache ~15 s). A cell
# that trains a network takes a few seconds more. A cell's program that loops is killed at its CPU
# limit (gograd_grading.CPU_SECONDS); one that waits is interrupted after this many seconds.
c.Execute.timeout = 60


class GoOverwriteCells(OverwriteCells):
    """nbgrader's OverwriteCells, but a test cell that a student deleted comes back as Go.

    nbgrader puts the missing test cell back after the cell before it, with a note in a comment
    that starts with Python's `#`, which is not Go: the restored cell would not compile, and the
    student would lose its points for a reason that is not theirs. Here the note is a Go comment.
    """

    def missing_cell_transform(self, source_cell, max_score, is_solution=False, is_task=False):
        cell = super().missing_cell_transform(source_cell, max_score, is_solution, is_task)
        if cell.cell_type == "code":
            note = self.missing_cell_notification.format(cell_id=source_cell.name).strip()
            cell.source = "// " + note + "\n" + source_cell.source
        return cell

    def preprocess(self, nb, resources):
        """Also puts back a read-only code cell (the setup: the engine the tests need) that is
        missing from the submission, which nbgrader does not do for cells without points: without
        it every test would fail on "undefined: Value", for a reason that is not the answer's. The
        cell that comes back says that it was missing, and how to get it back."""
        nb, resources = super().preprocess(nb, resources)
        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            source = gb.find_notebook(resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
            present = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
            for i, cell in enumerate(source.source_cells):
                if cell.cell_type != "code" or not cell.locked or cell.name in present:
                    continue
                self.log.warning("Missing read-only cell %s, putting it back", cell.name)
                before = [c.name for c in source.source_cells[:i]]
                at = max([present.index(b) + 1 for b in before if b in present] or [0])
                nb.cells.insert(at, new_code_cell(
                    SETUP_MISSING.format(cell_id=cell.name) + cell.source,
                    metadata={"deletable": False, "editable": False, "nbgrader": {
                        "grade": False, "solution": False, "locked": True, "grade_id": cell.name,
                        "checksum": cell.checksum, "schema_version": 3}}))
                present.insert(at, cell.name)
        return nb, resources


SETUP_MISSING = (
    "// The read-only cell {cell_id} (the setup: the engine that the tests use) was missing from the\n"
    "// submission; the grader put it back. To get it back in your notebook, fetch the assignment\n"
    "// again into another folder (Assignments tab, or nbgrader fetch_assignment) and copy the cell.\n")


c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, OverwriteKernelspec, GoOverwriteCells, CheckCellMetadata]
# nbgrader's own list, with GoExecute for Execute: each submission's kernel runs in a sandbox, and a
# test cell passes only when it ran to its end (gograd_grading.py; docs/TEACHING.md).
c.Autograde.autograde_preprocessors = [
    GoExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades, AssignLatePenalties,
    CheckCellMetadata]

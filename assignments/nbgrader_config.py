"""nbgrader's configuration for gograd's course: the exercises of the lessons as assignments in Go.

This folder is an nbgrader course folder: source/<assignment>/<assignment>.ipynb are the teacher's
versions, with the solutions between `// BEGIN SOLUTION` and `// END SOLUTION`. `make assignments`
writes the students' versions into release/ (nbgrader generate_assignment); nbgrader writes
submitted/, autograded/, feedback/ and gradebook.db here too (git ignores them). docs/TEACHING.md
explains how to run a course with it.

nbgrader runs any kernel; what it needs told for Go is below.
"""
import os

from nbgrader.preprocessors import (CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells,
                                    OverwriteKernelspec)

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
# that trains a network takes a few seconds more.
c.Execute.timeout = 120


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


c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, OverwriteKernelspec, GoOverwriteCells, CheckCellMetadata]

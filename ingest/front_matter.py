"""The front matter (title, version, dates) as a citable part of its document: §0.

"Which version is this?" is answered from these lines, quoted as written, and cited
to the part they come from rather than to whatever body text mentions "version".
"""

from __future__ import annotations

from .records import DocumentInfo, Section

NUMBER = "0"
TITLE = "Document details"


def front_matter_section(info: DocumentInfo) -> Section | None:
    lines = [line for line in info.front_matter if line.strip()]
    if len(lines) < 2:  # a bare title says nothing worth quoting
        return None
    return Section(
        document=info.name,
        number=NUMBER,
        title=TITLE,
        heading_path=(info.title, f"{NUMBER} {TITLE}"),
        blocks=(" · ".join(lines),),
        bullets=(False,),
    )

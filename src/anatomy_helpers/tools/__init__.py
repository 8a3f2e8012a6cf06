"""The collection's tools: authoring, execution, figures, present (Voila), static site, LMS export.

Tools sit beside the layers, not in them: they may import the core, ``drawing``,
``documents`` and ``widgets``, and no layer imports a tool. They are what
``python -m anatomy_helpers`` runs (:mod:`anatomy_helpers.tools.cli`).

=====================  ==========================================================
module                 job
=====================  ==========================================================
``project``            the project folder, the notebooks, a notebook's title cell
``authoring``          notebook template, generated cells, README table
``execute``            re-execution with deterministic widget ids
``figures``            export ``figures/`` and check its fingerprints
``present``            a notebook as a Voila app (tags, room size, supervision)
``app_server``         the Voila server behind present (cap, queue, pool, Host check)
``site``               the offline static HTML edition
``static_selfcheck``   the static edition's self-checks: quiz cells become HTML forms
``vendor``             pinned npm files (widget embedder, require.js, axe-core)
``questions``          self-check questions as Moodle XML or an IMS QTI package
``cli``                the command line
=====================  ==========================================================
"""

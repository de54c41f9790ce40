"""Optional generated answers (off by default; `POLICYBOT_LLM` switches them on).

A chat model may phrase a short summary above the quotes, rewrite an elliptical
follow-up for retrieval, and give a second opinion when triage is unsure. Nothing it
writes reaches a person unchecked: `verifier` (pure) rejects any sentence the cited
passages do not support, and every failure falls back to the extractive reply.

Read in this order: `literals` and `claims` (what a sentence states), `support` (the
passages read into policy lines, bullets with their list's stem, prepared once per
passage set), `verifier` (the check), `word_vectors` (its one model-backed input), `prompts` (what is sent), `client`
(the langchain chat model, the only module that touches the network), `assist` (all of
it for one reply, under one deadline), `display` (how the summary is labelled).
"""

"""Button data as typed values, and the routing of a press to the feature that handles it.

Telegram hands a press back as the button's ``callback_data``: 1-64 bytes the bot chose when
it made the button, which a client may also forge. Each kind of button is a small frozen
dataclass deriving from :class:`ButtonData`, with a prefix (its wire name), a separator and
typed fields: ids (``int``: one of the bot's own rows, :func:`handlers.bounds.record_id`'s
range, unless :func:`number` gives another), enum values (a ``StrEnum``, or a union of them)
and text (:func:`text`, with its longest length in bytes)::

    class Rating(ButtonData, prefix="rate"):
        case_id: int
        stars: int = number(1, 5)

    Rating(12, 4).pack()  # "rate:12:4"
    Rating.unpack("rate:12:4")  # Rating(case_id=12, stars=4); "rate:12:9" → None

``unpack`` returns None for anything that is not exactly what ``pack`` writes (bad or
non-canonical numbers, a wrong field count, an unknown enum value, an id out of range, another
kind's data), so ``unpack(data).pack() == data`` always holds. The longest packing a kind
allows is checked against the 64 bytes when its class is defined: a kind that could outgrow
them fails at import, not in a parent's chat.

Presses are routed the way aiogram's routers route ``CallbackData``: each feature lists its
kinds and their handlers in its own :class:`Buttons`, and a :class:`Router` built from the
features' lists finds the handler for a press (:meth:`Router.dispatch`).
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar, dataclass_transform

from handlers.bounds import INT32_MAX, ascii_int, record_id
from handlers.replies import BUTTON_DATA_BYTES

_LOW, _HIGH, _BYTES, _EMPTY, _REST = "low", "high", "bytes", "empty", "rest"


def number(low: int, high: int) -> Any:
    """An integer field within ``low..high`` (an id field needs no declaration: 1..2**31-1)."""
    if low > high:
        raise ValueError(f"number({low}, {high}): empty range")
    return dataclasses.field(metadata={_LOW: low, _HIGH: high})


def text(
    max_bytes: int, *, empty: bool = False, rest: bool = False, default: Any = dataclasses.MISSING
) -> Any:
    """A text field of at most ``max_bytes`` bytes in UTF-8 (``empty``: may be ""). Only the
    last field may be ``rest``: it takes whatever follows, separators included; any other text
    field never holds the separator."""
    meta = {_BYTES: max_bytes, _EMPTY: empty, _REST: rest}
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class _Field:
    """How one field is written and read."""

    name: str
    longest: int  # bytes
    read: Callable[[str], Any]  # the value, or None when the text is not one
    write: Callable[[Any], str]  # raises ValueError for a value the field cannot carry
    rest: bool = False


def _int_field(name: str, meta: typing.Mapping[str, Any]) -> _Field:
    low, high = meta.get(_LOW, 1), meta.get(_HIGH, INT32_MAX)
    ids = (low, high) == (1, INT32_MAX)

    def read(raw: str) -> int | None:
        value = record_id(raw) if ids else ascii_int(raw, low=low, high=high)
        return value if value is not None and str(value) == raw else None  # "007" is forged

    def write(value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name}: {value!r} is not an integer in {low}..{high}")
        return str(value)

    return _Field(name, max(len(str(low)), len(str(high))), read, write)


def _enum_field(name: str, enums: tuple[type[enum.StrEnum], ...], sep: str) -> _Field:
    members = {m.value: m for e in reversed(enums) for m in e}  # the first enum's wins

    for value in members:
        if not value or sep in value:
            raise TypeError(f"{name}: enum value {value!r} cannot be written between {sep!r}")

    def write(value: Any) -> str:
        if not isinstance(value, enums):
            raise ValueError(f"{name}: {value!r} is not one of {[e.__name__ for e in enums]}")
        return str(value.value)

    return _Field(name, max(len(v.encode()) for v in members), members.get, write)


def _text_field(name: str, meta: typing.Mapping[str, Any], sep: str) -> _Field:
    limit, empty, rest = meta[_BYTES], meta.get(_EMPTY, False), meta.get(_REST, False)

    def fits(value: str) -> bool:
        return (
            len(value.encode()) <= limit and (empty or value != "") and (rest or sep not in value)
        )

    def write(value: Any) -> str:
        if not isinstance(value, str) or not fits(value):
            raise ValueError(f"{name}: {value!r} is not text of up to {limit} bytes")
        return value

    return _Field(name, limit, lambda raw: raw if fits(raw) else None, write, rest)


def _field_of(cls: type, field: dataclasses.Field[Any], hint: Any, sep: str) -> _Field:
    name, where = field.name, f"{cls.__name__}.{field.name}"
    args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if all(isinstance(a, type) and issubclass(a, enum.StrEnum) for a in args):
        return _enum_field(name, args, sep)
    if hint is int:
        return _int_field(name, field.metadata)
    if hint is str and _BYTES in field.metadata:
        return _text_field(name, field.metadata, sep)
    if hint is str:
        raise TypeError(f"{where}: declare its longest length, e.g. = text(32)")
    raise TypeError(f"{where}: button data holds int, str or StrEnum fields, not {hint!r}")


#: Every kind defined, in the order of definition (see tests/handlers/test_button_kinds.py).
KINDS: list[type[ButtonData]] = []

B = TypeVar("B", bound="ButtonData")


@dataclass_transform(frozen_default=True, field_specifiers=(number, text))
class ButtonData:
    """A kind of button data: subclass with ``prefix=`` (and ``sep=``, ":" by default)."""

    prefix: ClassVar[str]
    sep: ClassVar[str]
    _fields: ClassVar[tuple[_Field, ...]]

    def __init_subclass__(cls, *, prefix: str, sep: str = ":", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclass(frozen=True)(cls)
        cls.prefix, cls.sep = prefix, sep
        hints = typing.get_type_hints(cls)
        cls._fields = tuple(
            _field_of(cls, f, hints[f.name], sep)
            for f in dataclasses.fields(typing.cast(Any, cls))
        )
        if any(f.rest for f in cls._fields[:-1]):
            raise TypeError(f"{cls.__name__}: only the last field may take the rest")
        if not prefix and not cls._fields:
            raise TypeError(f"{cls.__name__}: a kind needs a prefix or a field")
        if cls.longest() > BUTTON_DATA_BYTES:
            raise TypeError(
                f"{cls.__name__} packs up to {cls.longest()} bytes; Telegram takes"
                f" {BUTTON_DATA_BYTES}: shorten its prefix or its fields' longest lengths"
            )
        KINDS.append(cls)

    @classmethod
    def longest(cls) -> int:
        """The most bytes this kind's data can take."""
        parts = ([len(cls.prefix.encode())] if cls.prefix else []) + [
            f.longest for f in cls._fields
        ]
        return sum(parts) + len(cls.sep.encode()) * (len(parts) - 1)

    @classmethod
    def family(cls) -> str:
        """The data's first part, shared by the kinds of one feature ("erase", "st")."""
        return cls.prefix.split(cls.sep, 1)[0]

    def pack(self) -> str:
        values = [f.write(getattr(self, f.name)) for f in self._fields]
        return self.sep.join([self.prefix, *values] if self.prefix else values)

    @classmethod
    def unpack(cls: type[B], data: str) -> B | None:
        """The press's data as this kind, or None when it is not exactly one."""
        body = data
        if cls.prefix:
            if not data.startswith(cls.prefix):
                return None
            body = data[len(cls.prefix) :]
            if not cls._fields:
                return cls() if body == "" else None
            if not body.startswith(cls.sep):
                return None
            body = body[len(cls.sep) :]
        count = len(cls._fields)
        pieces = body.split(cls.sep, count - 1) if cls._fields[-1].rest else body.split(cls.sep)
        if len(pieces) != count:
            return None
        values = [f.read(piece) for f, piece in zip(cls._fields, pieces, strict=True)]
        if any(v is None for v in values):
            return None
        found = cls(*values)
        return found if found.valid() else None

    def valid(self) -> bool:
        """Whether the values, each well formed, make sense together (override to narrow)."""
        return True


T = TypeVar("T")  # the turn a press is handled in (a parent's Turn, the desk's DeskTurn)
Press = Callable[[T, Any], Awaitable[None]]
Stale = Callable[[T, str], Awaitable[None]]
F = TypeVar("F", bound=Callable[..., Awaitable[None]])


class Buttons(Generic[T]):
    """One feature's button kinds and what a press of each does::

        presses: Buttons[Turn] = Buttons()

        @presses.on(Rating)
        async def rate(turn: Turn, data: Rating) -> None: ...

        @presses.otherwise(Rating)  # "rate:…" that does not read as a Rating
        async def stale(turn: Turn, data: str) -> None: ...

    Data of a family with no ``otherwise`` that does not read as one of its kinds is not
    this feature's: the router leaves it to whatever handles unknown data.
    """

    def __init__(self) -> None:
        self.handlers: dict[type[ButtonData], Press[T]] = {}
        self.stale: dict[tuple[str, str], Stale[T]] = {}

    def on(self, kind: type[ButtonData]) -> Callable[[F], F]:
        """Register ``handler(turn, data)`` for the presses that read as ``kind``."""
        if not kind.prefix:
            raise TypeError(f"{kind.__name__} has no prefix: a router cannot tell it apart")

        def register(handler: F) -> F:
            if kind in self.handlers:
                raise ValueError(f"{kind.__name__} is handled twice")
            self.handlers[kind] = handler
            return handler

        return register

    def otherwise(self, *kinds: type[ButtonData]) -> Callable[[F], F]:
        """Register ``handler(turn, data)`` for the presses of these kinds' families that
        read as none of the feature's kinds (forged, or from an older version)."""

        def register(handler: F) -> F:
            for kind in kinds:
                self.stale[(kind.family(), kind.sep)] = handler
            return handler

        return register


@dataclass
class _Family(Generic[T]):
    presses: list[tuple[type[ButtonData], Press[T]]]
    stale: Stale[T] | None = None


class Router(Generic[T]):
    """The features' buttons together: a press goes to the one handler of its kind."""

    def __init__(self, *features: Buttons[T]) -> None:
        self._families: dict[tuple[str, str], _Family[T]] = {}
        seen: set[type[ButtonData]] = set()
        for feature in features:
            for kind, handler in feature.handlers.items():
                if kind in seen:
                    raise ValueError(f"{kind.__name__} is handled by two features")
                seen.add(kind)
                key = (kind.family(), kind.sep)
                self._families.setdefault(key, _Family([])).presses.append((kind, handler))
            for key, stale in feature.stale.items():
                family = self._families.get(key)
                if family is None or family.stale is not None:
                    raise ValueError(f"otherwise for {key[0]!r}: not exactly one feature's")
                family.stale = stale
        self._separators = tuple(dict.fromkeys(sep for _, sep in self._families))

    def kinds(self) -> Iterator[type[ButtonData]]:
        for family in self._families.values():
            for kind, _ in family.presses:
                yield kind

    async def dispatch(self, turn: T, data: str) -> bool:
        """Handle a press; False when ``data`` belongs to none of the features."""
        for sep in self._separators:
            family = self._families.get((data.split(sep, 1)[0], sep))
            if family is None:
                continue
            for kind, handler in family.presses:
                value = kind.unpack(data)
                if value is not None:
                    await handler(turn, value)
                    return True
            if family.stale is not None:
                await family.stale(turn, data)
                return True
        return False

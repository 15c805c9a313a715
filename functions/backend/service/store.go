package service

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/secure-apigw/secure-apigw/functions/backend/api"
)

// ErrStoreFull is returned when the store holds MaxItems already.
var ErrStoreFull = errors.New("item store is full")

// Store is a bounded in-memory item store, safe for concurrent use.
type Store struct {
	mu       sync.Mutex
	items    map[string]api.Item
	maxItems int
	now      func() time.Time
}

// NewStore returns a store holding at most maxItems.
func NewStore(maxItems int, now func() time.Time) *Store {
	return &Store{items: map[string]api.Item{}, maxItems: maxItems, now: now}
}

// Add stores a new item created by createdBy.
func (s *Store) Add(in api.NewItem, createdBy string) (api.Item, error) {
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return api.Item{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.items) >= s.maxItems {
		return api.Item{}, ErrStoreFull
	}
	item := api.Item{
		ID: hex.EncodeToString(id[:]), Name: in.Name, Quantity: in.Quantity, Tags: in.Tags,
		CreatedAt: s.now().UTC().Format(time.RFC3339), CreatedBy: createdBy,
	}
	s.items[item.ID] = item
	return item, nil
}

// List returns every item, oldest first (ties by id).
func (s *Store) List() []api.Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]api.Item, 0, len(s.items))
	for _, it := range s.items {
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].CreatedAt != out[j].CreatedAt {
			return out[i].CreatedAt < out[j].CreatedAt
		}
		return out[i].ID < out[j].ID
	})
	return out
}
